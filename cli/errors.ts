/** An error the user fixes by changing the command line or the tree: reported with exit code 2. */
export class UsageError extends Error {}
