// What a command may touch of its process, passed in so the commands never reach for globals.

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal. */
  isTTY: boolean;
}

/** Colour only for people at a terminal: NO_COLOR turns it off; FORCE_COLOR turns it on (`0`: off). */
export function useColor(io: Pick<Io, "env" | "isTTY">): boolean {
  const force = io.env.FORCE_COLOR;
  if (force === "0" || force === "false") return false;
  if (force !== undefined && force !== "") return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.isTTY;
}
