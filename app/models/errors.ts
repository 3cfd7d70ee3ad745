/**
 * A write addressed a record that does not exist under the owner it named (an evening of another cohort,
 * a question of another survey). Nothing was changed; routes answer 404.
 */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what}: not found`);
    this.name = "NotFoundError";
  }
}
