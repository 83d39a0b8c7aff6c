/** The admin's Backup Storage page: the storage list, the add/edit dialog with Test, hypervisor assignment. */
package io.holdfast.backup.storage.ui;
