"""The catalogue of known mistakes: stable codes and what each means, in both languages."""

from __future__ import annotations

import enum

from srs_wb.engine.types import Text


class MistakeCode(enum.StrEnum):
    FORGOT_BIAS = "forgot_bias"
    SUBTRACTED_BIAS = "subtracted_bias"
    SIGN_ERROR = "sign_error"
    FORGOT_DERIVATIVE = "forgot_activation_derivative"
    USED_PREACTIVATION = "used_preactivation"
    FORGOT_INPUT = "forgot_input"
    DOUBLED = "ignored_half"
    ADDED_GRADIENT = "added_gradient"
    FORGOT_LEARNING_RATE = "forgot_learning_rate"
    BIAS_NOT_UPDATED = "bias_not_updated"
    FORGOT_HALF = "forgot_half"
    OFF_BY_ONE_STEP = "off_by_one_step"
    FORGOT_FACTOR_TWO = "forgot_factor_two"
    TOO_LARGE_RATE = "too_large_rate"
    RATE_SMALL_ENOUGH = "rate_small_enough"
    FORGOT_OUTPUT_WEIGHT = "forgot_output_weight"
    LINEAR_ESTIMATE = "linear_estimate"
    GAVE_OUTPUT = "gave_new_output"
    WRONG_DIRECTION = "wrong_direction"
    LEAKY_AS_RELU = "leaky_as_relu"
    SIGMOID_SIGN = "sigmoid_sign"
    SIGMOID_TANH = "sigmoid_tanh_swapped"
    FORGOT_MEAN = "forgot_mean"
    USED_VARIANCE = "used_variance"
    SAMPLE_STD = "sample_std"
    FORGOT_MIN = "forgot_min"
    DIVIDED_BY_MAX = "divided_by_max"
    REVERSED_SCALE = "reversed_scale"


TEXTS: dict[MistakeCode, Text] = {
    MistakeCode.FORGOT_BIAS: {
        "bg": "Изглежда, че пристрастието b е пропуснато.",
        "en": "It looks as if the bias b was left out.",
    },
    MistakeCode.SUBTRACTED_BIAS: {
        "bg": "Пристрастието е извадено, а трябва да се добави.",
        "en": "The bias was subtracted; it is added.",
    },
    MistakeCode.SIGN_ERROR: {
        "bg": "Грешка в знака на градиента: грешката е e = ŷ − y, а не y − ŷ.",
        "en": "Sign error in the gradient: the error is e = ŷ − y, not y − ŷ.",
    },
    MistakeCode.FORGOT_DERIVATIVE: {
        "bg": "Липсва множителят f′(z) от верижното правило.",
        "en": "The factor f′(z) from the chain rule is missing.",
    },
    MistakeCode.USED_PREACTIVATION: {
        "bg": "Използвана е стойността z преди функцията на активация там, където трябва f(z).",
        "en": "The pre-activation value z was used where the activation f(z) belongs.",
    },
    MistakeCode.FORGOT_INPUT: {
        "bg": "Липсва входът, който тежестта умножава: ∂z/∂w е този вход "
        "(без него се получава градиентът за пристрастието).",
        "en": "The input that the weight multiplies is missing: ∂z/∂w is that input "
        "(without it you get the gradient for the bias).",
    },
    MistakeCode.DOUBLED: {
        "bg": "Стойността е двойно по-голяма: при L = ½(ŷ − y)² множителят ½ "
        "съкращава двойката от квадрата.",
        "en": "Twice the right value: with L = ½(ŷ − y)² the ½ cancels the 2 from the square.",
    },
    MistakeCode.ADDED_GRADIENT: {
        "bg": "Градиентът е добавен, а трябва да се извади: градиентният спуск върви "
        "срещу градиента (w − η·∂L/∂w).",
        "en": "The gradient was added instead of subtracted: gradient descent steps against "
        "the gradient (w − η·∂L/∂w).",
    },
    MistakeCode.FORGOT_LEARNING_RATE: {
        "bg": "Градиентът не е умножен по скоростта на учене η.",
        "en": "The gradient was not multiplied by the learning rate η.",
    },
    MistakeCode.BIAS_NOT_UPDATED: {
        "bg": "Пристрастието не е обновено; то се обновява като тежестите: b − η·∂L/∂b.",
        "en": "The bias was left unchanged; it is updated like the weights: b − η·∂L/∂b.",
    },
    MistakeCode.FORGOT_HALF: {
        "bg": "Загубата е L = ½e²; липсва множителят ½.",
        "en": "The loss is L = ½e²; the ½ is missing.",
    },
    MistakeCode.OFF_BY_ONE_STEP: {
        "bg": "Това е стойността със стъпка по-рано или по-късно; пребройте стъпките отново.",
        "en": "That is the value one step too early or too late; count the steps again.",
    },
    MistakeCode.FORGOT_FACTOR_TWO: {
        "bg": "Производната на a(θ − c)² е 2a(θ − c); липсва множителят 2.",
        "en": "The derivative of a(θ − c)² is 2a(θ − c); the factor 2 is missing.",
    },
    MistakeCode.TOO_LARGE_RATE: {
        "bg": "Скоростта на учене е твърде голяма: всяка стъпка прескача минимума с повече, "
        "отколкото е било разстоянието до него (|1 − 2aη| > 1), и θ се отдалечава все повече.",
        "en": "The learning rate is too large: every step overshoots the minimum by more than "
        "the distance it started from (|1 − 2aη| > 1), so θ moves ever further away.",
    },
    MistakeCode.RATE_SMALL_ENOUGH: {
        "bg": "Скоростта на учене е под границата 1/a: разстоянието до минимума се умножава "
        "по |1 − 2aη| < 1 на всяка стъпка и намалява.",
        "en": "The learning rate is below the limit 1/a: the distance to the minimum is "
        "multiplied by |1 − 2aη| < 1 at every step, so it shrinks.",
    },
    MistakeCode.FORGOT_OUTPUT_WEIGHT: {
        "bg": "Липсва тежестта w⁽²⁾ᵢ по пътя от скрития неврон до изхода.",
        "en": "The weight w⁽²⁾ᵢ on the path from the hidden unit to the output is missing.",
    },
    MistakeCode.LINEAR_ESTIMATE: {
        "bg": "Това е линейната оценка (∂ŷ/∂w)·Δ; търси се точната промяна, пресметната "
        "наново с новата тежест.",
        "en": "That is the linear estimate (∂ŷ/∂w)·Δ; the question asks for the exact change, "
        "recomputed with the new weight.",
    },
    MistakeCode.GAVE_OUTPUT: {
        "bg": "Това е самият нов изход; търси се промяната ŷ′ − ŷ.",
        "en": "That is the new output itself; the question asks for the change ŷ′ − ŷ.",
    },
    MistakeCode.WRONG_DIRECTION: {
        "bg": "Големината е вярна, но посоката не е: проверете знака на промяната.",
        "en": "Right size, wrong direction: check the sign of the change.",
    },
    MistakeCode.LEAKY_AS_RELU: {
        "bg": "Leaky ReLU не нулира отрицателните стойности, а ги умножава по α.",
        "en": "Leaky ReLU does not cut negative values to 0; it multiplies them by α.",
    },
    MistakeCode.SIGMOID_SIGN: {
        "bg": "Това е σ(−z) = 1 − σ(z): в знаменателя е e^(−z).",
        "en": "That is σ(−z) = 1 − σ(z): the denominator holds e^(−z).",
    },
    MistakeCode.SIGMOID_TANH: {
        "bg": "Това е стойността на другата функция: сигмоидата и tanh са разменени.",
        "en": "That is the value of the other function: the sigmoid and tanh were swapped.",
    },
    MistakeCode.FORGOT_MEAN: {
        "bg": "Средната стойност не е извадена: z = (x − μ) / σ.",
        "en": "The mean was not subtracted: z = (x − μ) / σ.",
    },
    MistakeCode.USED_VARIANCE: {
        "bg": "Разделено е на дисперсията σ² вместо на стандартното отклонение σ.",
        "en": "Divided by the variance σ² instead of the standard deviation σ.",
    },
    MistakeCode.SAMPLE_STD: {
        "bg": "Използвано е извадковото стандартно отклонение (деление на n − 1), "
        "а се иска това на цялата съвкупност (деление на n).",
        "en": "The sample standard deviation (dividing by n − 1) was used; the prompt asks "
        "for the population one (dividing by n).",
    },
    MistakeCode.FORGOT_MIN: {
        "bg": "Минимумът не е изваден от x: x′ = (x − min) / (max − min).",
        "en": "The minimum was not subtracted from x: x′ = (x − min) / (max − min).",
    },
    MistakeCode.DIVIDED_BY_MAX: {
        "bg": "Разделено е на max вместо на обхвата max − min.",
        "en": "Divided by max instead of the range max − min.",
    },
    MistakeCode.REVERSED_SCALE: {
        "bg": "Това е (max − x) / (max − min): скалата е обърната.",
        "en": "That is (max − x) / (max − min): the scale is reversed.",
    },
}
