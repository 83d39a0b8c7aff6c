/**
 * How a plugin contributes endpoints to the host's REST API ({@code /api/v1}), without Spring: it describes
 * each operation and hands a handler; the host authenticates the caller (an API token) before the handler
 * runs, so the plugin's services see the caller through {@code PluginContext.currentUser()} exactly as from
 * the UI, serialises results as JSON, turns {@link io.holdfast.plugin.api.rest.RestProblem}s into RFC 9457
 * problem details, and lists every operation in its OpenAPI document. Since 1.2.
 */
package io.holdfast.plugin.api.rest;
