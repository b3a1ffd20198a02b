package io.stepwise.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems only the method knows it answers (404, 409, invalid-definition, ...). Those that follow
 * from its parameters or from being an endpoint at all (400 malformed-request, invalid-request and
 * invalid-parameter, 406, 413, 415, 500, 503) {@link ApiDocumentation} adds by itself. Listed here, they
 * appear in the OpenAPI document under their status, with an example each.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ProblemResponses {

    ProblemType[] value();
}
