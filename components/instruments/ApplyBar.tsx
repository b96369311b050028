'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { cellCount, type CellProblem } from '@/lib/instruments/cells';
import { cellMessageId } from './useDraftGrid';

/** Each wrong cell's own message; the cell's aria-describedby points to it, and a click goes back to the cell. */
export function CellProblems({ prefix, problems, focusCell }: { prefix: string; problems: CellProblem[]; focusCell: (id: string) => void }) {
  return (
    <div className="cell-problems" aria-live="polite">
      {problems.length > 0 && (
        <>
          <strong>Out of range:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.id} id={cellMessageId(prefix, p.id)}>
                <button type="button" onClick={() => focusCell(p.id)}>
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type Props = {
  wrong: CellProblem[];
  empty: number;
  /** 'cell' or 'grade', for the counts. */
  noun: string;
  /** What 0 means on this scale, said on the button that fills the empty cells. */
  zeroMeans: string;
  /** Set when applying would replace a typed total by another number: the question to ask first. */
  question: string | null;
  replaceLabel: string;
  keepLabel: string;
  onFill: () => void;
  onApply: () => void;
  onCancel: () => void;
  focusCell: (id: string) => void;
};

/**
 * "Use these scores": refused while a cell is wrong or empty (saying which and how many), and
 * asking first, in the page, before a typed total is replaced by a different one.
 */
export function ApplyBar({ wrong, empty, noun, zeroMeans, question, replaceLabel, keepLabel, onFill, onApply, onCancel, focusCell }: Props) {
  const [attempted, setAttempted] = useState(false);
  const [asking, setAsking] = useState(false);
  const [kept, setKept] = useState(false);
  const questionId = useId();
  const replaceButton = useRef<HTMLButtonElement>(null);
  const fillButton = useRef<HTMLButtonElement>(null);
  const confirming = asking && question !== null;

  useEffect(() => {
    if (confirming) replaceButton.current?.focus();
  }, [confirming]);

  const apply = () => {
    setAttempted(true);
    setKept(false);
    if (wrong.length > 0) return focusCell(wrong[0]!.id);
    if (empty > 0) return fillButton.current?.focus();
    if (question) return setAsking(true);
    onApply();
  };
  const keep = () => {
    setAsking(false);
    setKept(true);
  };

  const refusal =
    wrong.length > 0
      ? `Not applied: ${cellCount(wrong.length, noun)} out of range (listed above). Correct ${wrong.length === 1 ? 'it' : 'them'} first.`
      : empty > 0
        ? `Not applied: ${cellCount(empty, noun)} still empty. Fill ${empty === 1 ? 'it' : 'them'} in, or count ${empty === 1 ? 'it' : 'them'} as 0.`
        : null;

  return (
    <div className="apply-bar">
      {empty > 0 && (
        <p>
          {cellCount(empty, noun)} empty.{' '}
          <button type="button" ref={fillButton} onClick={onFill}>
            Count the {cellCount(empty, `empty ${noun}`)} as 0 ({zeroMeans})
          </button>
        </p>
      )}
      {attempted && refusal && (
        <p className="error" role="alert">
          {refusal}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={apply}>
          Use these scores
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{question}</p>
          <div className="actions">
            <button type="button" className="primary" ref={replaceButton} onClick={onApply}>
              {replaceLabel}
            </button>
            <button type="button" onClick={keep}>
              {keepLabel}
            </button>
          </div>
        </div>
      )}
      {kept && <p role="status">Kept what was typed; the calculator&apos;s scores were not used.</p>}
    </div>
  );
}
