/** The catalog: every snapshot the plugin knows, kept in step with the datastores. */
package io.holdfast.backup.catalog;
