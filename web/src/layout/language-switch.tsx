import { Segmented } from 'antd';
import { type Locale, useLocale, useT } from '../i18n';

/** 中文 | EN — the choice is saved in localStorage by the locale provider. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh-CN">中文</span>, title: t('lang.zh-CN') },
        { value: 'en', label: <span data-testid="lang-en">EN</span>, title: t('lang.en') },
      ]}
    />
  );
}
