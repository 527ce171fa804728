"""The seeded draws: a reused generator draws what a new one would, and threads never share one."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from srs_wb.engine import generate, kind_names
from srs_wb.engine.draws import Draw


def test_a_reused_generator_draws_the_stream_of_a_new_one() -> None:
    first = Draw("neuron_output:1:7")
    first.integer(0, 10)
    first.release()  # its generator, half-way through a stream, goes back to the spares
    again = Draw("neuron_output:2:8")  # takes it and seeds it anew
    fresh = random.Random("neuron_output:2:8")
    assert [again.decimal(-1.0, 1.0, 2) for _ in range(50)] == [
        (round(-1.0 * 100) + int(fresh.random() * 201)) / 100 for _ in range(50)
    ]


def test_a_released_draw_draws_nothing_more() -> None:
    draw = Draw("activation:1:1")
    draw.release()
    with pytest.raises(RuntimeError, match="released"):
        draw.decimal(0.0, 1.0, 1)


def test_threads_generating_at_once_get_the_instances_of_one_thread() -> None:
    jobs = [(kind, seed, 1 + seed % 3) for kind in kind_names() for seed in range(60)]
    alone = [generate(*job).to_json() for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: generate(*job).to_json(), jobs))
    assert together == alone
