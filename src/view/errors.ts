// An answer of the viewer's API that is not a success: the status and a message a user can act on.
export class ViewRequestError extends Error {
  override readonly name = 'ViewRequestError';
  constructor(
    readonly status: 400 | 401 | 404 | 405 | 413 | 422,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ViewRequestError => new ViewRequestError(404, what);
export const badRequest = (what: string): ViewRequestError => new ViewRequestError(400, what);
