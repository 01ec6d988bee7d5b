/** `wait_for_event`: waits for a named event or its callback URL, until its timeout. */
import type { WaitForEventStep } from "../../definition/ir";
import { beginEventWait, timeOutEventWait } from "../events";
import type { StepHandler } from "./handler";

export const waitForEventStep: StepHandler<WaitForEventStep> = {
  async activate(step, { store, plan, row, now, commit }) {
    commit(() => beginEventWait(store, plan, row, step, now));
  },
  resume(step, { store, plan, row, now }) {
    timeOutEventWait(store, plan, row, step, now);
    return [];
  },
};
