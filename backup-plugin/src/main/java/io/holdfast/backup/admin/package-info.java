/** The admin's pages of the backup plugin: every job across tenants (Jobs) and the Overview. */
package io.holdfast.backup.admin;
