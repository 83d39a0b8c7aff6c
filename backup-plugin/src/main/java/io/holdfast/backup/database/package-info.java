/** What every repository of the plugin shares about talking to MariaDB. */
package io.holdfast.backup.database;
