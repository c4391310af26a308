"""Corrected results, the same on both engines: when a query finds nothing and the engine's
correction of it finds something, the answer is the correction's, with `corrected_query` set;
asked for as typed (`keep_original`), the answer stays empty and proposes the correction in
`did_you_mean`. A query that finds something is never corrected nor given a suggestion."""

from dataclasses import replace


def _add(took, more):
    return None if took is None and more is None else (took or 0) + (more or 0)


def answer_with_correction(run, correct, params):
    """`run(params)` -> (SearchAnswer, took ms or None); `correct(q)` -> (corrected q or None, took)."""
    answer, took = run(params)
    q = params.q.strip()
    if answer.total == 0 and q:
        correction, more = correct(q)
        took = _add(took, more)
        if correction and correction.strip().lower() != q.lower():
            corrected, more = run(replace(params, q=correction))
            took = _add(took, more)
            if corrected.total and params.keep_original:
                answer.did_you_mean = correction
            elif corrected.total:
                corrected.query, corrected.corrected_query = params.q, correction
                answer = corrected
    answer.engine_took_ms = took
    return answer
