import { describe, expect, it } from 'vitest';
import { ProjectAction as A, ProjectStatus as S } from '../../server/src/projects/projects.enums.js';
import {
  isTaskOverdue,
  mayCompleteTask,
  mayMoveProject,
  progressOf,
  projectActions,
  totalValue,
} from '../../server/src/projects/projects.rules.js';

describe('the project state machine', () => {
  it('goes PLANNED → ACTIVE → DONE, and PLANNED or ACTIVE → CANCELLED', () => {
    const allowed = [
      [S.PLANNED, S.ACTIVE],
      [S.ACTIVE, S.DONE],
      [S.PLANNED, S.CANCELLED],
      [S.ACTIVE, S.CANCELLED],
    ];
    for (const from of Object.values(S)) {
      for (const to of Object.values(S)) {
        const expected = allowed.some(([a, b]) => a === from && b === to);
        expect(mayMoveProject(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });
});

describe('what a viewer may do with a project', () => {
  const nobody = { signedIn: false, manages: false, representsUnit: false };
  const resident = { signedIn: true, manages: false, representsUnit: false };
  const rep = { signedIn: true, manages: false, representsUnit: true };
  const staff = { signedIn: true, manages: true, representsUnit: false };

  it('lets managers run an open project, and anyone signed in pledge to it', () => {
    expect(projectActions(S.ACTIVE, staff)).toEqual([
      A.EDIT,
      A.SET_STATUS,
      A.ADD_TASK,
      A.ADD_NEEDS,
      A.CONTRIBUTE,
      A.ADD_PHOTOS,
      A.PLEDGE,
    ]);
    expect(projectActions(S.ACTIVE, resident)).toEqual([A.PLEDGE]);
    expect(projectActions(S.PLANNED, rep)).toEqual([A.CONTRIBUTE, A.PLEDGE]);
    expect(projectActions(S.ACTIVE, nobody)).toEqual([]);
  });

  it('takes contributions, but nothing else, once done; nothing once cancelled', () => {
    expect(projectActions(S.DONE, staff)).toEqual([A.CONTRIBUTE]);
    expect(projectActions(S.DONE, resident)).toEqual([]);
    expect(projectActions(S.CANCELLED, staff)).toEqual([]);
    expect(projectActions(S.CANCELLED, rep)).toEqual([]);
  });

  it('lets managers, the owner and the owner unit’s representatives tick a task off', () => {
    const none = { manages: false, isOwner: false, representsOwnerUnit: false };
    expect(mayCompleteTask(none)).toBe(false);
    expect(mayCompleteTask({ ...none, manages: true })).toBe(true);
    expect(mayCompleteTask({ ...none, isOwner: true })).toBe(true);
    expect(mayCompleteTask({ ...none, representsOwnerUnit: true })).toBe(true);
  });
});

describe('progress and value', () => {
  const now = new Date('2026-12-07T08:00:00Z');
  it('is done tasks over tasks, null without tasks', () => {
    expect(progressOf([])).toBeNull();
    expect(progressOf([{ doneAt: now }, { doneAt: null }, {}, { doneAt: now }])).toBe(0.5);
  });

  it('flags a task overdue only when open past its date', () => {
    const past = new Date('2026-12-01T00:00:00Z');
    expect(isTaskOverdue({ dueAt: past }, now)).toBe(true);
    expect(isTaskOverdue({ dueAt: past, doneAt: now }, now)).toBe(false);
    expect(isTaskOverdue({ dueAt: null }, now)).toBe(false);
    expect(isTaskOverdue({ dueAt: new Date('2026-12-08T00:00:00Z') }, now)).toBe(false);
  });

  it('sums contributions to the fen', () => {
    expect(totalValue([])).toBe(0);
    expect(totalValue([{ value: 0.1 }, { value: 0.2 }, { value: 5000 }])).toBe(5000.3);
  });
});
