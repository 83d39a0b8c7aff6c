/**
 * The REST API ({@code /api/v1}): API tokens (created in the UI, shown once, stored hashed, with expiry,
 * revocable), a bearer-token filter that makes the token's user the caller (so every service applies the
 * same roles and tenancy as in the UI), the dispatcher to the operations the host and plugins register,
 * RFC 9457 problem details for every error, and the OpenAPI document of them all.
 */
package io.holdfast.host.api;
