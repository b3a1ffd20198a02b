package io.stepwise.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers beyond those every endpoint can ({@link ApiDocumentation} adds 400
 * malformed-request, invalid-request and invalid-parameter, 406, 413, 415, 500 and 503 where they apply).
 * Listed here, they appear in the OpenAPI document under their status, with an example each.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ProblemResponses {

    ProblemType[] value();
}
