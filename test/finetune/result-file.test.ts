// Parsing OpenAI's result file (the per-step metrics CSV) strictly, with located errors.
import { describe, expect, it } from 'vitest';
import { parseResultFile, ResultFileError } from '../../src/finetune/result-file.js';

const HEADER = 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy';

describe('result files', () => {
  it('reads steps with empty cells as absent values, sorted by step', () => {
    const csv = `${HEADER}\n2,0.5,0.75,,\n1,1.25,0.5,0.9,0.8333333\n3,0.25,1,nan,1.0\n`;
    expect(parseResultFile('file-r', csv)).toEqual([
      { step: 1, trainLoss: 1.25, trainAccuracy: 0.5, validLoss: 0.9, validTokenAccuracy: 0.8333333 },
      { step: 2, trainLoss: 0.5, trainAccuracy: 0.75 },
      { step: 3, trainLoss: 0.25, trainAccuracy: 1, validTokenAccuracy: 1 },
    ]);
  });

  it('takes CRLF, a BOM, base64, scientific notation, and columns it does not know', () => {
    const csv = `\uFEFFstep,train_loss,full_valid_loss,valid_mean_token_accuracy\r\n1,1e-3,0.4,0.5\r\n`;
    expect(parseResultFile('f', csv)).toEqual([{ step: 1, trainLoss: 0.001, validTokenAccuracy: 0.5 }]);
    expect(parseResultFile('f', Buffer.from(csv).toString('base64'))).toEqual([{ step: 1, trainLoss: 0.001, validTokenAccuracy: 0.5 }]);
  });

  it.each([
    ['', 'result file f: is empty; expected a CSV with a header line starting "step,"'],
    ['loss,step\n1,2\n', 'result file f, line 1: the header\'s first column is "loss"; expected "step"'],
    [`${HEADER}\n`, 'result file f: has a header but no steps'],
    ['step,a,b\n1,2,3\n', 'result file f, line 1: no known metric column in the header'],
    ['step,train_loss,train_loss\n1,2,3\n', 'result file f, line 1: column "train_loss" appears twice in the header'],
    [`${HEADER}\n1,0.5,0.5,,\n2,0.5,0.5\n`, 'result file f, line 3: 3 cells; the header has 5'],
    [`${HEADER}\n1.5,0.5,0.5,,\n`, 'result file f, line 2: step "1.5" is not a step number (a non-negative integer)'],
    [`${HEADER}\n1,0.5,0.5,,\n1,0.4,0.5,,\n`, 'result file f, line 3: step 1 again (first on line 2)'],
    [`${HEADER}\n1,0.5,high,,\n`, 'result file f, line 2: train_accuracy "high" is not a number'],
    ['c3RlcCx0cmFpbl9sb3Nz/w==', 'result file f: looks like base64 but does not decode to UTF-8 text'],
  ])('refuses %j', (csv, message) => {
    const error = (() => {
      try {
        parseResultFile('f', csv);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ResultFileError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });
});
