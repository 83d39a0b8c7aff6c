/** The admin's Sequences page. */
package io.holdfast.backup.sequence.ui;
