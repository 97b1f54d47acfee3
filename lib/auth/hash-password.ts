// Prints a password hash for `auth.users[].passwordHash`: npx tsx lib/auth/hash-password.ts  (reads the password from stdin)
import { hashPassword } from "./passwords";

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  if (!password) {
    console.error('usage: printf %s "$PASSWORD" | npx tsx lib/auth/hash-password.ts');
    process.exit(2);
  }
  console.log(await hashPassword(password));
}

void main();
