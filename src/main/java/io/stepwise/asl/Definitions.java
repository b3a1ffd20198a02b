package io.stepwise.asl;

import io.stepwise.asl.model.StateMachine;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.Diagnostic;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The one way in for a definition: validate every rule, then parse. */
public final class Definitions {

    private Definitions() {
    }

    /** @throws InvalidDefinitionException with every diagnostic when the definition has errors */
    public static StateMachine validateAndParse(JsonNode definition) {
        List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);
        if (DefinitionValidator.hasErrors(diagnostics)) {
            throw new InvalidDefinitionException(diagnostics);
        }
        return DefinitionParser.parse(definition);
    }
}
