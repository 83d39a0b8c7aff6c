/** The admin's Mirrors page. */
package io.holdfast.backup.mirror.ui;
