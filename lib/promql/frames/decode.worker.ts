// Decodes a large frames answer off the main thread: JSON.parse (or inflating and the binary decoder) and the
// conversion to columns are the costly part of a big answer. Binary bodies come in transferred, and
// the columns go back transferred, not copied.
import { decodeFramesMessage, type DecodeReply, type DecodeRequest } from "./read";
import { frameBuffers } from "./decode";

type Scope = { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage: (m: DecodeReply, transfer: Transferable[]) => void };
const scope = self as unknown as Scope;

scope.onmessage = async (e) => {
  const reply = await decodeFramesMessage(e.data);
  scope.postMessage(reply, "ok" in reply && reply.ok.data.resultType === "frames" ? frameBuffers(reply.ok.data) : []);
};
