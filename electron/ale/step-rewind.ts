/**
 * Rewind points for frame-render skipping (AleEnv.step): the console state at the start of a step and
 * the actions held on each of its frames, so frames emulated without composing pixels can be re-run
 * with them. The previous step's point is kept as well: with max-pooling off, a skipping step leaves
 * its second-to-last frame undrawn, and an irregular first frame of the next step draws over that
 * buffer, so only re-running from the previous step's start gives its leftover rows exactly. Which
 * point is usable is the caller's to know (AleEnv only rewinds to the previous step right after it).
 */
import { StateReader, StateWriter } from '../emulator/state';
import type { StellaEnvironment } from './stella-environment';

interface StepRecord {
  readonly writer: StateWriter;
  log: Float64Array;
  /** Frames whose held actions are logged. */
  frames: number;
  screens: boolean;
}

function emptyRecord(): StepRecord {
  return { writer: new StateWriter(160 * 1024), log: new Float64Array(3 * 8), frames: 0, screens: true };
}

export class StepRewind {
  private current = emptyRecord();
  private previous = emptyRecord();

  /**
   * Saves the state at a step's start; the last step's point becomes the previous one. `screens`
   * false leaves the frame buffers' contents out (see TiaVideo.saveVideo).
   */
  begin(ale: StellaEnvironment, screens: boolean): void {
    const done = this.previous;
    this.previous = this.current;
    this.current = done;
    done.writer.reset();
    ale.saveCore(done.writer, screens);
    done.screens = screens;
    done.frames = 0;
  }

  /** Records the actions held on frame `i` of the current step (call after each frame's sticky draw). */
  held(ale: StellaEnvironment, i: number): void {
    const r = this.current;
    if (3 * i + 3 > r.log.length) {
      const grown = new Float64Array(r.log.length * 2);
      grown.set(r.log);
      r.log = grown;
    }
    r.log[3 * i] = ale.heldA;
    r.log[3 * i + 1] = ale.heldB;
    r.log[3 * i + 2] = ale.heldStrength;
    r.frames = i + 1;
  }

  /**
   * Restores a start state and re-emulates with rendering on: frames 0..last of the current step,
   * preceded by all of the previous step's frames when `fromPrevious`.
   */
  rerun(ale: StellaEnvironment, last: number, fromPrevious: boolean): void {
    const first = fromPrevious ? this.previous : this.current;
    ale.loadCore(new StateReader(first.writer.written()), first.screens);
    if (fromPrevious) replay(ale, this.previous, this.previous.frames - 1);
    replay(ale, this.current, last);
  }
}

function replay(ale: StellaEnvironment, record: StepRecord, last: number): void {
  for (let j = 0; j <= last; j++) {
    ale.setHeld(record.log[3 * j], record.log[3 * j + 1], record.log[3 * j + 2]);
    ale.stepFrame();
  }
}
