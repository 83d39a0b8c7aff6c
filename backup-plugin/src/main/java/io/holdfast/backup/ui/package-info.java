/** Small pieces the plugin's views share. */
package io.holdfast.backup.ui;
