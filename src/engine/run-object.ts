import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** One Durable Object per run (being written by the engine owner). */
export class RunObject extends DurableObject<Env> {}
