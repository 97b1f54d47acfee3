import type { Role } from "./roles";

// Orrery's claims on next-auth's session, user and JWT (lib/auth/options.ts sets them).
declare module "next-auth" {
  interface Session {
    user: { name?: string | null; email?: string | null; image?: string | null; role: Role; provider: string };
  }
  interface User {
    role?: Role | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    provider?: string;
  }
}
