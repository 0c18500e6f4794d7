-- Gives a copy of the 1,000,000-line benchmark store the data of every summary section, at its scale,
-- so `make bench` times sales-export on a store where no section is empty (run by bench.sh with the
-- sqlite3 shell; deterministic: every value is arithmetic on row ids).
--
-- The orders workbook holds order lines only; this adds, for 2024 and 2025:
--   people      a team and a region for every rep
--   order_line  every 101st line returned (amount negated), every 103rd of the rest cancelled
--   sales_target  each rep, team and region per quarter, the company per year
--   opportunity   60,000, a third of them won, a third lost
--   receivable    one invoice per 5th order line (about 200,000), a tenth unpaid and overdue
--   expense       30,000 over the six categories, each with a region and every 3rd with a customer
--   budget        each region and category per year
--   feedback      40,000: three surveys to one complaint, complaints open, resolved or closed
PRAGMA foreign_keys = ON;
BEGIN;

-- Numbered customers, people and regions, to pick the k-th by arithmetic.
CREATE TEMP TABLE cust (n INTEGER PRIMARY KEY, id INTEGER);
CREATE TEMP TABLE ppl (n INTEGER PRIMARY KEY, id INTEGER);
CREATE TEMP TABLE reg (n INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO cust SELECT row_number() OVER (ORDER BY id) - 1, id FROM customer;
INSERT INTO ppl SELECT row_number() OVER (ORDER BY id) - 1, id FROM person;
INSERT INTO reg SELECT row_number() OVER (ORDER BY id) - 1, id FROM region;

UPDATE person SET team = 'team-' || (id % 6 + 1),
                  region_id = (SELECT id FROM reg WHERE n = person.id % (SELECT count(*) FROM reg))
WHERE role = 'rep';

UPDATE order_line SET status = 'returned', amount_cents = -amount_cents,
                      quantity = CASE WHEN quantity IS NULL THEN NULL ELSE -quantity END
WHERE id % 101 = 0;
UPDATE order_line SET status = 'cancelled' WHERE id % 103 = 0 AND status = 'completed';

WITH years(y) AS (VALUES ('2024'), ('2025')), quarters(q) AS (VALUES (1), (2), (3), (4))
INSERT INTO sales_target (scope, scope_key, period, amount_cents)
SELECT 'rep', p.login, y || 'Q' || q, 300000000 + (p.id * 7919 + q * 104729) % 200000000
FROM person p, years, quarters WHERE p.role = 'rep'
UNION ALL
SELECT 'team', t.team, y || 'Q' || q, 3000000000 + (q * 15485863) % 1000000000
FROM (SELECT DISTINCT team FROM person WHERE team IS NOT NULL) t, years, quarters
UNION ALL
SELECT 'region', r.name, y || 'Q' || q, 2500000000 + (r.id * 32452843 + q) % 1000000000
FROM region r, years, quarters
UNION ALL
SELECT 'company', '', y, 60000000000 FROM years;

INSERT INTO opportunity (code, customer_id, rep_id, stage, created_on, closed_on, expected_amount_cents, source)
SELECT 'OPP-' || value,
       (SELECT id FROM cust WHERE n = value * 7 % (SELECT count(*) FROM cust)),
       (SELECT id FROM ppl WHERE n = value % (SELECT count(*) FROM ppl)),
       CASE value % 3 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE
           CASE value % 4 WHEN 0 THEN 'lead' WHEN 1 THEN 'qualified' WHEN 2 THEN 'proposal' ELSE 'negotiation' END END,
       date('2024-01-01', '+' || (value % 700) || ' days'),
       CASE WHEN value % 3 < 2 THEN date('2024-01-01', '+' || (value % 700 + value % 61) || ' days') END,
       1000000 + value * 7919 % 90000000,
       CASE value % 4 WHEN 0 THEN '展会' WHEN 1 THEN '官网' WHEN 2 THEN '转介绍' ELSE '电话' END
FROM generate_series(1, 60000);

INSERT INTO receivable (invoice_no, order_no, customer_id, invoiced_on, due_on, amount_cents, paid_on,
                        paid_amount_cents)
SELECT 'INV-' || o.id, o.order_no, o.customer_id, o.order_date, date(o.order_date, '+30 days'), abs(o.amount_cents),
       CASE WHEN o.id % 10 = 0 THEN NULL ELSE date(o.order_date, '+' || (10 + o.id % 50) || ' days') END,
       CASE WHEN o.id % 10 = 0 THEN 0 ELSE abs(o.amount_cents) END
FROM order_line o WHERE o.id % 5 = 0 AND o.status = 'completed';

INSERT INTO expense (expense_no, submitted_by_id, payee_id, submitted_on, spent_on, category, amount_cents,
                     description, region_id, customer_id, campaign, status)
SELECT 'EXP-' || value,
       (SELECT id FROM ppl WHERE n = value % (SELECT count(*) FROM ppl)),
       (SELECT id FROM ppl WHERE n = value % (SELECT count(*) FROM ppl)),
       date('2024-01-01', '+' || (value % 730 + 2) || ' days'),
       date('2024-01-01', '+' || (value % 730) || ' days'),
       CASE value % 6 WHEN 0 THEN 'advertising' WHEN 1 THEN 'travel' WHEN 2 THEN 'entertainment'
                      WHEN 3 THEN 'training' WHEN 4 THEN 'events' ELSE 'other' END,
       10000 + value * 104729 % 5000000,
       '费用 ' || value,
       (SELECT id FROM reg WHERE n = value % (SELECT count(*) FROM reg)),
       CASE WHEN value % 3 = 0 THEN (SELECT id FROM cust WHERE n = value * 13 % (SELECT count(*) FROM cust)) END,
       CASE WHEN value % 6 = 0 THEN 'campaign-' || (value % 12) END,
       CASE value % 10 WHEN 0 THEN 'rejected' WHEN 1 THEN 'submitted' ELSE 'paid' END
FROM generate_series(1, 30000);

WITH years(y) AS (VALUES ('2024'), ('2025')),
     categories(c) AS (VALUES ('advertising'), ('travel'), ('entertainment'), ('training'), ('events'), ('other'))
INSERT INTO budget (scope, scope_key, category, period, amount_cents, control)
SELECT 'region', r.name, c, y, 2000000000 + r.id * 100000000, 'warn' FROM region r, years, categories;

INSERT INTO feedback (code, customer_id, received_on, kind, quality_score, delivery_score, service_score, status,
                      resolved_on, closed_on)
SELECT 'FB-' || value,
       (SELECT id FROM cust WHERE n = value * 11 % (SELECT count(*) FROM cust)),
       date('2024-01-01', '+' || (value % 730) || ' days'),
       CASE WHEN value % 4 = 0 THEN 'complaint' ELSE 'survey' END,
       CASE WHEN value % 4 <> 0 THEN 1 + value % 5 END,
       CASE WHEN value % 4 <> 0 THEN 1 + value * 3 % 5 END,
       CASE WHEN value % 4 <> 0 THEN 1 + value * 7 % 5 END,
       CASE WHEN value % 4 = 0 THEN CASE value % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'resolved' ELSE 'closed' END END,
       CASE WHEN value % 4 = 0 AND value % 3 > 0 THEN date('2024-01-01', '+' || (value % 730 + value % 40) || ' days') END,
       CASE WHEN value % 4 = 0 AND value % 3 = 2 THEN date('2024-01-01', '+' || (value % 730 + value % 40 + 3) || ' days') END
FROM generate_series(1, 40000);

COMMIT;
DROP TABLE temp.cust;
DROP TABLE temp.ppl;
DROP TABLE temp.reg;
