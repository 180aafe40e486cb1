// A Response over a body already read in full. text() and json() decode the bytes at once, without
// the web stream a Response otherwise builds around its body and reads back, which costs more than
// the rest of a chat call's response handling. The stream (`body`) and the rarer readers come from
// a plain Response over the same bytes, made on first use.

const decoder = new TextDecoder();
const unusable = () => new TypeError('Body is unusable: Body has already been read');

export class WholeBodyResponse extends Response {
  #bytes: Uint8Array | null;
  #init: ResponseInit;
  #read = false;
  #plain: Response | undefined;

  /** `bytes` must be null for the statuses that have no body (204, 205, 304). */
  constructor(bytes: Uint8Array | null, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
  }

  static {
    const plain = (r: WholeBodyResponse): Response => (r.#plain ??= new Response(r.#bytes, r.#init));
    const viaPlain = (name: 'arrayBuffer' | 'blob' | 'formData' | 'bytes') => ({
      value(this: WholeBodyResponse): Promise<unknown> {
        if (this.#read) return Promise.reject(unusable());
        const target = plain(this) as unknown as Record<typeof name, () => Promise<unknown>>;
        return target[name]();
      },
    });
    // undici's types declare the readers as read-only properties, so they are replaced on the
    // prototype rather than overridden as methods.
    Object.defineProperties(WholeBodyResponse.prototype, {
      body: {
        get(this: WholeBodyResponse) {
          return this.#read ? null : plain(this).body;
        },
      },
      bodyUsed: {
        get(this: WholeBodyResponse) {
          return this.#read || (this.#plain?.bodyUsed ?? false);
        },
      },
      text: {
        value(this: WholeBodyResponse): Promise<string> {
          if (this.#plain) return this.#plain.text();
          if (this.#read) return Promise.reject(unusable());
          this.#read = true;
          return Promise.resolve(this.#bytes === null ? '' : decoder.decode(this.#bytes));
        },
      },
      json: {
        value(this: WholeBodyResponse): Promise<unknown> {
          return this.text().then((text) => JSON.parse(text) as unknown);
        },
      },
      clone: {
        value(this: WholeBodyResponse): Response {
          if (this.bodyUsed) throw unusable();
          if (this.#plain) return this.#plain.clone();
          return new WholeBodyResponse(this.#bytes, this.#init);
        },
      },
      arrayBuffer: viaPlain('arrayBuffer'),
      blob: viaPlain('blob'),
      formData: viaPlain('formData'),
      ...('bytes' in Response.prototype ? { bytes: viaPlain('bytes') } : {}),
    });
  }
}
