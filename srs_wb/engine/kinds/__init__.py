"""The registered exercise kinds, in the order they are listed and taught."""

from __future__ import annotations

from srs_wb.engine.kinds import (
    activation,
    backprop_mlp,
    error_gradient,
    gradient_step,
    learning_rate,
    neuron_output,
    normalization,
    weight_sensitivity,
    zero_init,
)
from srs_wb.engine.registry import KindSpec

KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        neuron_output.KIND,
        activation.KIND,
        error_gradient.KIND,
        gradient_step.KIND,
        learning_rate.KIND,
        backprop_mlp.KIND,
        weight_sensitivity.KIND,
        zero_init.KIND,
        normalization.KIND,
    )
}
