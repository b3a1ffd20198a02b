package io.stepwise.asl.validation;

/** One family of rules applied to every state; each reports what it finds and never throws. */
sealed interface StateCheck permits StateFieldsCheck, TaskCheck, ChoiceRulesCheck, RetryCatchCheck, WaitCheck,
        FailCheck, ParallelCheck, MapCheck, PathFieldsCheck, JsonataExpressionsCheck {

    void check(StateContext state, Findings findings);
}
