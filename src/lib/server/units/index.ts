// Administrative units (province, communes, agencies...) as a tree with merges.
//
// `import * as units from '$lib/server/units'`; by concern:
//   model.ts    kinds, the error, pure rules on a unit's dates
//   tree.ts     the closure table: create, move, rename, read a unit, subtree, path, children
//   outline.ts  search, the outline in display order, pages of the tree
//   lineage.ts  the units whose history counts for a unit, and the reverse
//   merge.ts    closing and merging
//   access.ts   who may edit which unit

export * from './access';
export * from './lineage';
export * from './merge';
export * from './model';
export * from './outline';
export * from './tree';
