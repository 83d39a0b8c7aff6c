/** The admin's Backup Policies page: policies with their retention preview, and which instances follow them. */
package io.holdfast.backup.policy.ui;
