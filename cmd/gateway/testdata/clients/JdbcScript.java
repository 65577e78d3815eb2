import java.math.BigDecimal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a script of JDBC calls against one server and prints what the
 * driver returns, so that the same script run on Auger and on PostgreSQL
 * can be compared line by line.
 *
 * Usage: java JdbcScript JDBC_URL < script
 *
 * Each script line is a command and its tab-separated fields; each
 * command's output starts with "## " and the line number:
 *
 *   query  SQL PARAM...        PreparedStatement with parameters, all rows
 *   fetch  SIZE SQL            autocommit off, setFetchSize(SIZE): row count
 *   first  SIZE N SQL          autocommit off, setFetchSize(SIZE): first N rows
 *   batch  SQL...              Statement.addBatch of each SQL, executeBatch
 *   meta   METHOD ARG...       a DatabaseMetaData call (empty ARG is null)
 *
 * A PARAM is TYPE:VALUE with TYPE one of int, bigint, text, date,
 * numeric, timestamp, bool, double; null:TYPE binds setNull.
 */
public class JdbcScript {
    public static void main(String[] args) throws Exception {
        try (Connection conn = DriverManager.getConnection(args[0]);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                System.out.println("## " + number);
                String[] fields = line.split("\t", -1);
                try {
                    run(conn, fields);
                } catch (SQLException e) {
                    System.out.println("error " + e.getSQLState());
                    System.err.println("line " + number + ": " + e.getMessage());
                    if (!conn.getAutoCommit()) {
                        conn.rollback();
                        conn.setAutoCommit(true);
                    }
                }
            }
        }
    }

    static void run(Connection conn, String[] f) throws SQLException {
        String[] rest = Arrays.copyOfRange(f, 1, f.length);
        switch (f[0]) {
            case "query": query(conn, rest); break;
            case "fetch": fetch(conn, Integer.parseInt(f[1]), f[2]); break;
            case "first": first(conn, Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]); break;
            case "batch": batch(conn, rest); break;
            case "meta": meta(conn.getMetaData(), rest); break;
            default: throw new IllegalArgumentException("unknown command " + f[0]);
        }
    }

    static void query(Connection conn, String[] f) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(f[0])) {
            for (int i = 1; i < f.length; i++) {
                bind(ps, i, f[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                print(rs, Integer.MAX_VALUE);
            }
        }
    }

    static void bind(PreparedStatement ps, int i, String param) throws SQLException {
        int colon = param.indexOf(':');
        String type = param.substring(0, colon), value = param.substring(colon + 1);
        switch (type) {
            case "int": ps.setInt(i, Integer.parseInt(value)); break;
            case "bigint": ps.setLong(i, Long.parseLong(value)); break;
            case "text": ps.setString(i, value); break;
            case "date": ps.setDate(i, Date.valueOf(value)); break;
            case "numeric": ps.setBigDecimal(i, new BigDecimal(value)); break;
            case "timestamp": ps.setTimestamp(i, Timestamp.valueOf(value)); break;
            case "bool": ps.setBoolean(i, Boolean.parseBoolean(value)); break;
            case "double": ps.setDouble(i, Double.parseDouble(value)); break;
            case "null": ps.setNull(i, sqlType(value)); break;
            default: throw new IllegalArgumentException("unknown parameter type " + type);
        }
    }

    static int sqlType(String name) {
        switch (name) {
            case "int": return Types.INTEGER;
            case "bigint": return Types.BIGINT;
            case "text": return Types.VARCHAR;
            case "date": return Types.DATE;
            case "numeric": return Types.NUMERIC;
            case "timestamp": return Types.TIMESTAMP;
            default: throw new IllegalArgumentException("unknown null type " + name);
        }
    }

    /** Streams a result in portions of size rows and counts its rows. */
    static void fetch(Connection conn, int size, String sql) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.setFetchSize(size);
            long rows = 0;
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows++;
                }
            }
            System.out.println("rows " + rows);
        }
        conn.commit();
        conn.setAutoCommit(true);
    }

    /** Reads the first n rows of a result fetched in portions, then stops. */
    static void first(Connection conn, int size, int n, String sql) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.setFetchSize(size);
            try (ResultSet rs = st.executeQuery(sql)) {
                print(rs, n);
            }
        }
        conn.commit();
        conn.setAutoCommit(true);
    }

    static void batch(Connection conn, String[] sqls) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String sql : sqls) {
                st.addBatch(sql);
            }
            try {
                System.out.println("counts " + Arrays.toString(st.executeBatch()));
            } catch (BatchUpdateException e) {
                System.out.println("batch error " + e.getSQLState() + " counts " + Arrays.toString(e.getUpdateCounts()));
                SQLException cause = e.getNextException();
                if (cause != null) {
                    System.out.println("cause " + cause.getSQLState());
                }
            }
        }
    }

    static void meta(DatabaseMetaData md, String[] f) throws SQLException {
        String[] a = new String[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            a[i - 1] = f[i].isEmpty() ? null : f[i];
        }
        ResultSet rs;
        String[] columns;
        switch (f[0]) {
            case "getCatalogs":
                rs = md.getCatalogs();
                columns = new String[] {"TABLE_CAT"};
                break;
            case "getSchemas":
                rs = md.getSchemas(a[0], a[1]);
                columns = new String[] {"TABLE_SCHEM", "TABLE_CATALOG"};
                break;
            case "getTables":
                rs = md.getTables(a[0], a[1], a[2], a[3] == null ? null : a[3].split(","));
                columns = new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"};
                break;
            case "getColumns":
                rs = md.getColumns(a[0], a[1], a[2], a[3]);
                columns = new String[] {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                    "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE",
                    "IS_AUTOINCREMENT"};
                break;
            case "getPrimaryKeys":
                rs = md.getPrimaryKeys(a[0], a[1], a[2]);
                columns = new String[] {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"};
                break;
            case "getImportedKeys":
            case "getExportedKeys":
                rs = f[0].equals("getImportedKeys") ? md.getImportedKeys(a[0], a[1], a[2]) : md.getExportedKeys(a[0], a[1], a[2]);
                columns = new String[] {"PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_SCHEM", "FKTABLE_NAME",
                    "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME"};
                break;
            case "getIndexInfo":
                rs = md.getIndexInfo(a[0], a[1], a[2], Boolean.parseBoolean(a[3]), Boolean.parseBoolean(a[4]));
                columns = new String[] {"TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_NAME", "TYPE",
                    "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES"};
                break;
            default:
                throw new IllegalArgumentException("unknown metadata call " + f[0]);
        }
        try (ResultSet r = rs) {
            while (r.next()) {
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(c + "=" + r.getString(c));
                }
                System.out.println(String.join(" | ", cells));
            }
        }
    }

    /** Prints the column labels and types, then at most limit rows as text. */
    static void print(ResultSet rs, int limit) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            header.add(md.getColumnLabel(i) + ":" + md.getColumnTypeName(i));
        }
        System.out.println(String.join(" | ", header));
        int rows = 0;
        while (rows < limit && rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String v = rs.getString(i);
                cells.add(v == null ? "NULL" : v);
            }
            System.out.println(String.join(" | ", cells));
            rows++;
        }
    }
}
