// Page object for the sidebar inside a webmail page (Playwright locators pierce the open shadow root).
import type { Page } from 'playwright-core';

export class SidebarPage {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId('sidedesk-sidebar');
  }

  ticketNumber() {
    return this.page.getByTestId('ticket-number');
  }

  assignee() {
    return this.page.getByTestId('ticket-assignee');
  }

  async waitForCreateForm(): Promise<void> {
    try {
      await this.page.getByTestId('create-ticket').waitFor();
    } catch (error) {
      throw new Error(`no create form; the sidebar shows: ${await this.text()}`, { cause: error });
    }
  }

  /** What the sidebar shows, as text: for a failure's message. */
  async text(): Promise<string> {
    return this.page
      .locator('.sd-body')
      .evaluate((body) => `${(body as HTMLElement).innerText} | ${body.innerHTML.slice(0, 600)}`, undefined, { timeout: 1_000 })
      .catch(() => '(no sidebar)');
  }

  /** Creates a ticket in the first department offered, assigned to me; returns its number once confirmed. */
  async createTicket(): Promise<number> {
    await this.waitForCreateForm();
    await this.page.getByTestId('create-submit').click();
    return this.confirmedNumber();
  }

  /** The thread's ticket number, creating the ticket first if no spec has yet (specs share snapshots). */
  async ensureTicket(): Promise<number> {
    await this.page.getByTestId('create-ticket').or(this.page.getByTestId('ticket')).first().waitFor();
    if (await this.page.getByTestId('create-ticket').isVisible()) return this.createTicket();
    return this.confirmedNumber();
  }

  async confirmedNumber(): Promise<number> {
    const locator = this.ticketNumber();
    await locator.filter({ hasText: /\d/ }).waitFor();
    return Number((await locator.textContent())!.replace(/\D/g, ''));
  }

  async reassign(toEmail: string, reason: string, note?: string): Promise<void> {
    await this.page.getByTestId('ticket-reassign').click();
    await this.page.getByTestId(`colleague-${toEmail}`).check();
    await this.page.getByTestId('reassign-reason').selectOption(reason);
    if (note) await this.page.getByTestId('reassign-note').fill(note);
    await this.page.getByTestId('reassign-submit').click();
    // Confirmations appear only when the policy asks (offline colleague, repeated handoff).
    for (const confirm of ['reassign-confirm-offline', 'reassign-confirm-repeated']) {
      const box = this.page.getByTestId(confirm);
      if (await box.isVisible().catch(() => false)) await box.getByRole('button').click();
    }
  }
}
