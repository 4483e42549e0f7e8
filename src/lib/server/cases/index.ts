// Follow-up cases ("Phản hồi người dân"): a low rating left with a phone number and consent.
// An office leader calls the resident back, notes what was done and closes the case within the
// deadline, so that a negative answer leads somewhere (DOMAIN.md, "feedback theatre").
//
// `import * as cases from '$lib/server/cases'`; by concern:
//   model.ts      statuses, limits, the audit context
//   scope.ts      which units' cases a user sees, who a case can be assigned to
//   list.ts       the filtered, paged list and the comment search
//   answers.ts    the answers behind a case, labelled from its survey version
//   detail.ts     one case with its history
//   commands.ts   status, note, assignment, deadline (each one transaction with its audit row)
//   deadlines.ts  the deadline refit after a calendar change; overdue and due-today ($lib/domain)
//   phones.ts     erasure of expired numbers, the record of who saw one; masking ($lib/domain)

export * from './answers';
export * from './commands';
export * from './deadlines';
export * from './detail';
export * from './list';
export * from './model';
export * from './phones';
export * from './scope';
