package io.holdfast.plugin.api.rest;

/** Answers one operation. Throws {@link RestProblem} for a request it refuses; anything else is a 500. */
@FunctionalInterface
public interface RestHandler {

    RestResponse handle(RestRequest request);
}
