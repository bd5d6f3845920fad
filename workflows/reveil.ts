/**
 * The one timer of a parcours on the current core: armed for the instant the parcours must next
 * act at (its next deadline, or the end of the late-fact window once closed), and re-armed only
 * when that instant changes.
 *
 * Why not a timer per wait, as the frozen path does: whether a wait starts a timer would then
 * depend on whether a fact is already queued when the dossier write resolves. A local activity's
 * result reaches the workflow in the same task it ran in, or — when the task also answered a
 * query — in the next one, together with whatever arrived meanwhile; replay always takes the
 * first way. A timer that depends on the decision alone is started the same way in both.
 */
import { CancellationScope, sleep } from '@temporalio/workflow';

export class Reveil {
  private arme?: { at: number; scope: CancellationScope };
  /** The armed instant has come (or was already past when armed). */
  sonne = false;

  /** Arms the timer for `at` (epoch ms), or disarms it when undefined; nothing happens when `at` is already armed. */
  armer(at: number | undefined): void {
    if (this.arme && this.arme.at === at) return;
    this.arme?.scope.cancel();
    this.arme = undefined;
    this.sonne = false;
    if (at === undefined) return;
    const delay = at - Date.now();
    if (delay <= 0) {
      this.sonne = true;
      return;
    }
    const arme = { at, scope: new CancellationScope() };
    this.arme = arme;
    arme.scope
      .run(() => sleep(delay))
      .then(
        () => {
          if (this.arme !== arme) return;
          this.arme = undefined;
          this.sonne = true;
        },
        () => undefined, // cancelled: re-armed for another instant
      );
  }

  /** The instant has been acted upon. */
  acquitter(): void {
    this.sonne = false;
  }

  get enAttente(): boolean {
    return this.arme !== undefined;
  }
}
