package io.stepwise.asl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContextReadsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{'Type':'Task','Resource':'r','Parameters':{'id.$':'$$.Execution.Id'},'End':true}",
        "{'Type':'Task','Resource':'r','Parameters':{'s.$':'States.JsonToString($$.State.Name)'},'End':true}",
        "{'Type':'Pass','InputPath':'$$.Execution.Input','End':true}",
        // an escaped dollar is a dollar once parsed
        "{'Type':'Pass','Parameters':{'x.$':'\\u0024$.State.Name'},'End':true}",
        "{'Type':'Choice','Choices':[{'Variable':'$$.State.RetryCount','NumericEquals':1,'Next':'A'}]}",
        "{'Type':'Task','QueryLanguage':'JSONata','Resource':'r','Arguments':'{% $states.context.Execution.Id %}','End':true}",
        "{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states %}','End':true}",
        "{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.input & $string($states) %}','End':true}",
        "{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states . context %}','End':true}",
        "{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.inputs %}','End':true}",
        "{'Type':'Task','QueryLanguage':'JSONata','Resource':'r','Catch':[{'ErrorEquals':['States.ALL'],"
            + "'Output':'{% $states.context.State.Name %}','Next':'A'}],'End':true}",
        // a Map whose item processor reads the context: conservative for the Map state itself
        "{'Type':'Map','ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'i.$':'$$.Map.Item.Index'},"
            + "'End':true}}},'End':true}",
    })
    void statesThatCanSeeTheContextReadIt(String state) {
        assertThat(ContextReads.in(Json.parse(state.replace('\'', '"')))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'Type':'Task','Resource':'stepwise:echo','End':true}",
        "{'Type':'Task','Resource':'r','Parameters':{'n.$':'$.n','price':'$5'},'ResultPath':'$.out','End':true}",
        "{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.input.n + 1 %}','End':true}",
        "{'Type':'Task','QueryLanguage':'JSONata','Resource':'r','Output':'{% $merge([$states.input, $states.result]) %}',"
            + "'Catch':[{'ErrorEquals':['States.ALL'],'Output':'{% $states.errorOutput %}','Next':'A'}],'End':true}",
    })
    void statesThatCannotSeeTheContextDoNotReadIt(String state) {
        assertThat(ContextReads.in(Json.parse(state.replace('\'', '"')))).isFalse();
    }

    @Test
    void theParserRecordsItPerState() {
        var machine = DefinitionParser.parse(Json.parse("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "stepwise:echo", "Next": "Name"},
                  "Name": {"Type": "Pass", "Parameters": {"name.$": "$$.Execution.Name"}, "End": true}}}
                """));
        assertThat(machine.state("Work").common().readsContext()).isFalse();
        assertThat(machine.state("Name").common().readsContext()).isTrue();
    }
}
