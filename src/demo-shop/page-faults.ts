/**
 * The missing/broken elements that apply to the page being rendered. Missing elements are cut
 * from the rendered page (see remove-elements.ts); templates ask about broken ones.
 */
export class PageFaults {
  static readonly none = new PageFaults(new Set(), new Set());

  constructor(
    private readonly missing: ReadonlySet<string>,
    private readonly broken: ReadonlySet<string>,
  ) {}

  /** data-testids of the elements to leave out of the page. */
  missingTestIds(): Iterable<string> {
    return this.missing;
  }

  isBroken(testId: string): boolean {
    return this.broken.has(testId);
  }

  /**
   * The API endpoint a form posts to: a failing one when the form or its control is broken.
   * `testIds` names every element whose breakage breaks this action (form, input, button).
   */
  apiAction(testIds: string | readonly string[], url: string): string {
    const broken = this.firstBroken(testIds);
    return broken === undefined ? url : `/api/broken/${encodeURIComponent(broken)}`;
  }

  /** A link or GET form target: a failing page when the element is broken. */
  href(testIds: string | readonly string[], url: string): string {
    const broken = this.firstBroken(testIds);
    return broken === undefined ? url : `/broken/${encodeURIComponent(broken)}`;
  }

  private firstBroken(testIds: string | readonly string[]): string | undefined {
    return (typeof testIds === 'string' ? [testIds] : testIds).find((id) => this.broken.has(id));
  }
}
