// Barrel of lib/src/scratch: re-export each public module of this folder here.
export {};
