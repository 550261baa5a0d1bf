// Barrel of lib/src/layers: re-export each public module of this folder here.
export {};
