// Barrel of lib/src/plot: re-export each public module of this folder here.
export {};
