// What every job carries, whichever event recorded it: where it happened and which delivery asked.
import type { Context } from "probot";

export function jobBase(context: Context) {
  const { installation } = context.payload as { installation?: { id: number } };
  return {
    installationId: installation?.id ?? 0,
    ...context.repo(),
    commentIds: [] as number[],
    deliveryIds: [context.id],
  };
}
