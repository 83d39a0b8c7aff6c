/** Secrets at rest: the master key file and AES-256-GCM sealing of values kept in the database. */
package io.holdfast.backup.secret;
