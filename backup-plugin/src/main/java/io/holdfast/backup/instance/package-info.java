/** The instance page's Backups tab: snapshots, back up now, restore, jobs with live progress, task logs. */
package io.holdfast.backup.instance;
