// GitHub's schema lets a connection's `nodes` be null, and each node in it (one the token may not read): what dod
// reads is the nodes that are there.

export function present<T>(nodes: readonly (T | null)[] | null | undefined): T[] {
  return (nodes ?? []).filter((node): node is T => node !== null);
}

/** The text of a blob (`object { ... on Blob { text } }`), null when the object is no blob or is missing. */
export function blobText(
  object: { text: string | null } | Record<PropertyKey, never> | null | undefined,
): string | null {
  return object && "text" in object ? object.text : null;
}
