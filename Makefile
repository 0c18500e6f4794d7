# Sales operations toolkit.
#
#   make demo      build, generate the demo workbook if needed, and run the tools on it
#   make test      build and run every test (unit, corpus conformance, end-to-end, crash)
#   make stress    the crash tests with 500 kills each (SALES_CRASH_RUNS to change)
#   make fuzz      libFuzzer on the workbook reader (FUZZ_SECONDS per target, default 60; docs/reliability.md)
#   make build     debug build of every tool
#   make release   optimised build of every tool
#   make bench     speed benchmark (see docs/development.md)
#   make fixtures  regenerate Fixtures/ with the generator in Tools/
#   make docs      regenerate the generated parts of docs/ (import aliases, docs/metrics.md)
#   make format    check formatting with swift-format (.swift-format); make reformat applies it
#   make clean     remove build output and demo files
#
# Every target first checks the system libraries (SQLite, libxml2, zlib) and installs them
# with apt-get when running as root, or prints the command to run.

SWIFT      ?= swift
BUILD_DIR  ?= .build
RELEASE    := $(BUILD_DIR)/release
DEBUG      := $(BUILD_DIR)/debug
DEMO_DIR   := demo
APPROVE    := SALES_DB=$(DEMO_DIR)/sales.db $(RELEASE)/sales-approve
SYSTEM_PKGS := libsqlite3-dev libxml2-dev zlib1g-dev pkg-config unzip sqlite3
# The demo's signing keys: one config folder per person ($XDG_CONFIG_HOME/sales-toolkit/signing-key).
DEMO_KEYS  := $(CURDIR)/$(DEMO_DIR)/keys
# $(call as,LOGIN): act as LOGIN in the demo store, signing with LOGIN's key when they have one.
as = SALES_USER=$(1) XDG_CONFIG_HOME=$(DEMO_KEYS)/$(1)
# $(call enrol,LOGIN): LOGIN creates a key in their folder; the account that ran init enrols it.
enrol = $(APPROVE) keys enroll $(1) $$(XDG_CONFIG_HOME=$(DEMO_KEYS)/$(1) $(RELEASE)/sales-approve keys create)
# $(call refused,COMMAND): a demo step that must be refused. Prints the command, runs it, and says it was
# refused with its exit status; stops the demo if the command was accepted instead.
refused = @echo "$(1)"; $(1) && { echo "   !! accepted, but it should have been refused"; exit 1; } \
          || echo "   -> refused, as it should be (exit status $$?)"

.DEFAULT_GOAL := test
.PHONY: deps build release test stress fuzz demo bench fixtures docs format reformat clean

deps:
	@if command -v pkg-config >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1 \
		&& pkg-config --exists sqlite3 libxml-2.0 zlib; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing system libraries: $(SYSTEM_PKGS)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PKGS) >/dev/null; \
	else \
		echo "Missing system libraries. Install them with:"; \
		echo "    sudo apt-get install -y $(SYSTEM_PKGS)"; \
		exit 1; \
	fi

build: deps
	$(SWIFT) build --build-path $(BUILD_DIR)

release: deps
	$(SWIFT) build -c release --build-path $(BUILD_DIR) --product sales-import
	$(SWIFT) build -c release --build-path $(BUILD_DIR) --product sales-approve
	$(SWIFT) build -c release --build-path $(BUILD_DIR) --product sales-score
	$(SWIFT) build -c release --build-path $(BUILD_DIR) --product sales-export
	$(SWIFT) build -c release --build-path $(BUILD_DIR) --product sales-plan
	$(SWIFT) build -c release --build-path $(BUILD_DIR) --product fixture-gen

test: deps
	$(SWIFT) build --build-path $(BUILD_DIR) --build-tests
	$(SWIFT) test --build-path $(BUILD_DIR) --skip-build

stress: deps
	$(SWIFT) build --build-path $(BUILD_DIR) --build-tests
	SALES_CRASH_RUNS=$${SALES_CRASH_RUNS:-500} $(SWIFT) test --build-path $(BUILD_DIR) --skip-build --filter CrashTests

fuzz: release
	@bash Tools/fuzz/fuzz.sh

Fixtures/demo-company.xlsx: | release
	$(RELEASE)/fixture-gen demo --out $@

fixtures: release
	$(RELEASE)/fixture-gen all --out-dir Fixtures

demo: release Fixtures/demo-company.xlsx
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@echo "== How sales-import reads the demo workbook (first rows of each sheet)"
	$(RELEASE)/sales-import inspect Fixtures/demo-company.xlsx --rows 3
	@echo
	@echo "== Import into a fresh store: $(DEMO_DIR)/sales.db"
	$(RELEASE)/sales-import Fixtures/demo-company.xlsx --db $(DEMO_DIR)/sales.db
	@echo
	@echo "== Import it again: every row is unchanged"
	$(RELEASE)/sales-import Fixtures/demo-company.xlsx --db $(DEMO_DIR)/sales.db
	@echo
	$(RELEASE)/sales-import history --db $(DEMO_DIR)/sales.db
	@echo
	@echo "== Customer tiers (docs/score.md): RFM, segments, ABC tiers, churn risk, lifetime value"
	$(RELEASE)/sales-score --db $(DEMO_DIR)/sales.db --top 10
	@echo
	@echo "== The same as of mid-year, then who moved between the two runs (the ten biggest movers)"
	$(RELEASE)/sales-score --db $(DEMO_DIR)/sales.db --as-of 2025-06-30 --format csv --out $(DEMO_DIR)/tiers-2025-06-30.csv
	$(RELEASE)/sales-score --db $(DEMO_DIR)/sales.db --format xlsx --out $(DEMO_DIR)/tiers.xlsx
	$(RELEASE)/sales-score changes --db $(DEMO_DIR)/sales.db | head -n 12
	@echo
	@echo "== Expense approval (docs/approve.md). A demo store: people are named by \$$SALES_USER"
	$(APPROVE) init --trust-env
	SALES_USER=meng.jun $(APPROVE) policy load Fixtures/demo-policy.toml
	@echo
	@echo "== Signing keys: ding.qiang and huang.wen each create one (here under $(DEMO_DIR)/keys/, one folder"
	@echo "   per person; normally in their own ~/.config), and the account that ran init enrols it"
	$(call enrol,ding.qiang)
	$(call enrol,huang.wen)
	$(APPROVE) keys list
	@echo
	@echo "== What waits for ding.qiang (丁强), first-line manager in 华东一组"
	$(call as,ding.qiang) $(APPROVE) queue
	@echo
	@echo "== ding.qiang approves step 1 of a travel claim, huang.wen (黄文) the last step: both entries signed"
	$(call as,ding.qiang) $(APPROVE) approve BX2025001360 --comment "客户拜访，已核对发票"
	$(call as,huang.wen) $(APPROVE) approve BX2025001360
	@echo
	@echo "== ding.qiang rejects a dinner claim (a reason is required)"
	$(call as,ding.qiang) $(APPROVE) reject BX2025001341 --reason "缺少发票 / receipt missing"
	@echo
	@echo "== Nobody approves their own claim"
	$(call refused,$(call as,ding.qiang) $(APPROVE) approve BX2025001316)
	@echo
	@echo "== A rep files an advertising claim; approving it would overrun a 'stop' budget"
	SALES_USER=deng.wei $(APPROVE) submit --amount 12000 --category 广告 --date 2025-12-20 \
		--description "华东区域展会广告位 / trade-show ad space" --for-region 华东
	$(call refused,$(call as,ding.qiang) $(APPROVE) approve SA-$$(date +%Y)-00001)
	@echo
	@echo "== ding.qiang sends it back for correction; deng.wei sees where it is, resubmits it at the contracted"
	@echo "   amount with its invoice number (a new round, the first kept in its history), and both steps approve"
	$(call as,ding.qiang) $(APPROVE) send-back SA-$$(date +%Y)-00001 \
		--reason "超出华东广告预算，请按合同金额重报 / over the ad budget: claim the contracted amount"
	SALES_USER=deng.wei $(APPROVE) mine | head -n 4
	SALES_USER=deng.wei $(APPROVE) resubmit SA-$$(date +%Y)-00001 --amount 9500 --invoice 31000123 \
		--description "华东区域展会广告位（合同金额）/ trade-show ad space, contracted amount"
	$(call as,ding.qiang) $(APPROVE) approve SA-$$(date +%Y)-00001
	$(call as,huang.wen) $(APPROVE) approve SA-$$(date +%Y)-00001
	@echo
	@echo "== Finance (fan.yu 范宇) pays the two approved claims in one batch; paid is final"
	SALES_USER=fan.yu $(APPROVE) pay BX2025001360 SA-$$(date +%Y)-00001 --batch PAY-2025-12-A
	$(call refused,$(call as,huang.wen) $(APPROVE) reopen BX2025001360 --reason "金额有误 / wrong amount")
	SALES_USER=fan.yu $(APPROVE) payments
	@echo "== deng.wei files a 680,000 contract (合同): up the manager chain to dong.kai (董凯, the sales"
	@echo "   director), the final approver, then finance ([contract] above 500,000 in the policy)"
	SALES_USER=deng.wei $(APPROVE) submit --kind contract --for-customer C00001 --amount 680000 \
		--list-amount 720000 --term 24 --payment-terms "30% 预付，70% 验收后 60 天" --date 2025-12-18 \
		--description "华东区年度框架合同 / annual framework contract"
	@echo
	@echo "== deng.wei asks for a price exception (特价申请) 48% below list: beyond the policy's 40%, refused"
	$(call refused,SALES_USER=deng.wei $(APPROVE) submit --kind price --for-customer C00001 \
		--product ZD-1001 --price 1400 --quantity 20 --date 2025-12-18 --description '竞品报价 / competitor quote')
	@echo
	@echo "== How long approvals take in 2025Q4: documents by kind and state, time per step and approver, backlog"
	$(APPROVE) report --period 2025Q4
	@echo
	$(call as,ding.qiang) $(APPROVE) show BX2025001360
	@echo
	@echo "== The audit log: its chain, its signatures, and the tables replayed against it"
	$(APPROVE) verify --save-anchor $(DEMO_DIR)/audit-anchor.json
	@echo
	@echo "== On a copy, someone with write access hands huang.wen's steps to ding.qiang with sqlite3:"
	@echo "   a delegation row no audit entry records. verify names it"
	sqlite3 $(DEMO_DIR)/sales.db ".backup $(DEMO_DIR)/tampered.db"
	sqlite3 $(DEMO_DIR)/tampered.db "INSERT INTO approval_delegation (from_login, to_login, starts_on, ends_on, \
		created_at) VALUES ('huang.wen', 'ding.qiang', '2025-01-01', '2030-12-31', '2026-01-01T00:00:00Z')"
	$(call refused,$(RELEASE)/sales-approve verify --db $(DEMO_DIR)/tampered.db)
	@echo
	@echo "== The 2025 summary (docs/export.md): page one (findings, headline figures), then the HTML page and the workbook"
	$(RELEASE)/sales-export --db $(DEMO_DIR)/sales.db --period 2025 --lang en | sed -n '/^## 1\./,/^## 2\./{/^## 2\./!p;}'
	$(RELEASE)/sales-export --db $(DEMO_DIR)/sales.db --period 2025 --out $(DEMO_DIR)/summary.html
	$(RELEASE)/sales-export --db $(DEMO_DIR)/sales.db --period 2025 --out $(DEMO_DIR)/summary.xlsx
	@echo
	@# ---- sales-plan (docs/plan.md): forecast, targets, commission, awards -----------------------------------------------
	@echo "== The 2026Q1 forecast (docs/plan.md): Holt-Winters against the seasonal-naive baseline in a"
	@echo "   rolling backtest (MAPE, MASE), the peak quarters, the open pipeline weighted by win rates"
	$(RELEASE)/sales-plan forecast --db $(DEMO_DIR)/sales.db --horizon 2026Q1 --lang en
	@echo
	@echo "== 2026 targets: 2025 + 12%, split to the cent into quarters, regions, teams, reps, product lines;"
	@echo "   the workbook is imported back into a copy of the store, whose 2026 summary measures against it"
	$(RELEASE)/sales-plan targets --db $(DEMO_DIR)/sales.db --year 2026 --growth 12% \
		--out $(DEMO_DIR)/targets-2026.xlsx --lang en | sed -n '1,16p'
	sqlite3 $(DEMO_DIR)/sales.db ".backup $(DEMO_DIR)/plan.db"
	$(RELEASE)/sales-import $(DEMO_DIR)/targets-2026.xlsx --db $(DEMO_DIR)/plan.db
	$(RELEASE)/sales-export --db $(DEMO_DIR)/plan.db --period 2026Q1 --lang en | grep -m 3 'target'
	@echo
	@echo "== Q4 commission statements under Fixtures/demo-commission.toml: bands, accelerators, multipliers,"
	@echo "   a cap, clawback, new-customer bonus; every line traceable to its order line"
	$(RELEASE)/sales-plan commission --db $(DEMO_DIR)/sales.db --period 2025Q4 --plan Fixtures/demo-commission.toml \
		--out $(DEMO_DIR)/commission-2025Q4.xlsx --html $(DEMO_DIR)/commission-2025Q4.html --lang en | sed -n '1,12p'
	@echo
	@echo "== Q4 awards under the same plan's [awards] criteria: quarterly star, customer satisfaction, team"
	@echo "   collaboration, improvement-plan candidates; the summary's team section shows the same"
	$(RELEASE)/sales-plan awards --db $(DEMO_DIR)/sales.db --period 2025Q4 --plan Fixtures/demo-commission.toml --lang en
	$(RELEASE)/sales-export --db $(DEMO_DIR)/sales.db --period 2025Q4 --plan Fixtures/demo-commission.toml --lang en \
		| sed -n '/Awards for 2025 Q4/,/Computed as sales-plan awards/p'
	@# ---- end of sales-plan ------------------------------------------------------------------------------
	@echo
	@echo "Demo done. The store is $(DEMO_DIR)/sales.db: query it with sqlite3 (tables in docs/schema.md)."
	@echo "The 2025 summary: $(DEMO_DIR)/summary.html (open in a browser, prints on A4) and $(DEMO_DIR)/summary.xlsx"

bench: release
	@RELEASE=$(RELEASE) bash Tools/bench/bench.sh

docs: deps
	SALES_UPDATE_DOCS=1 $(SWIFT) test --build-path $(BUILD_DIR) --filter AliasDocumentationTests
	$(SWIFT) build --build-path $(BUILD_DIR) --product sales-export
	$(DEBUG)/sales-export metrics --markdown > docs/metrics.md

format:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Tools Package.swift

reformat:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests Tools Package.swift

clean:
	rm -rf $(BUILD_DIR) $(DEMO_DIR)
