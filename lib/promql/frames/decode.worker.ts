// Decodes a large frames answer off the main thread: JSON.parse and the conversion to columns are
// the costly part of a big answer. The columns come back transferred, not copied.
import { decodeFramesText, type DecodeReply } from "./read";
import { frameBuffers } from "./decode";

type Scope = { onmessage: ((e: MessageEvent<{ id: number; status: number; text: string; source: string }>) => void) | null; postMessage: (m: DecodeReply, transfer: Transferable[]) => void };
const scope = self as unknown as Scope;

scope.onmessage = (e) => {
  const { id, status, text, source } = e.data;
  const reply = decodeFramesText(id, status, text, source);
  scope.postMessage(reply, "ok" in reply && reply.ok.data.resultType === "frames" ? frameBuffers(reply.ok.data) : []);
};
