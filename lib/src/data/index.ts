// Barrel of lib/src/data: re-export each public module of this folder here.
export {};
