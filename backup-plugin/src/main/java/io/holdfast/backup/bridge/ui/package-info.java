/** The admin's Backup Hypervisors page: which bridge serves each hypervisor, and the registration of daemons. */
package io.holdfast.backup.bridge.ui;
