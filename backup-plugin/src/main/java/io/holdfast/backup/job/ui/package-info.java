/** How jobs show in the views: their wording, the task-log dialog, and live updates pushed as jobs move. */
package io.holdfast.backup.job.ui;
