import {
  AlertOutlined,
  FilterOutlined,
  LockOutlined,
  MailOutlined,
  StopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { auth } from '../api';
import { applyFieldErrors, errorText } from '../errors';
import { useT } from '../i18n';
import { LanguageSwitch } from '../layout/language-switch';
import { meKey, useMe } from '../session';

/** Only our own paths: `?next=//evil.example` must not send a signed-in user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

interface LoginValues {
  email: string;
  password: string;
}

interface SetupValues {
  email: string;
  name: string;
  password: string;
}

function Hero() {
  const t = useT();
  return (
    <div className="warden-login-hero">
      <div>
        <Flex align="center" gap={12} style={{ marginBottom: 40 }}>
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <Typography.Text style={{ color: '#fff', fontSize: 20, fontWeight: 600 }}>Warden</Typography.Text>
        </Flex>
        <h1>{t('app.tagline')}</h1>
        <ul>
          <li>
            <StopOutlined />
            <span>{t('soon.blocklist')}</span>
          </li>
          <li>
            <FilterOutlined />
            <span>{t('soon.rules')}</span>
          </li>
          <li>
            <AlertOutlined />
            <span>{t('soon.complaints')}</span>
          </li>
        </ul>
      </div>
      <Typography.Text style={{ color: 'rgba(230,237,247,0.55)', fontSize: 12 }}>
        © Warden · self-hosted
      </Typography.Text>
    </div>
  );
}

function LoginForm({ notice }: { notice: 'needsSetup' | 'setupDone' | 'setupNotNeeded' | null }) {
  const t = useT();
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: auth.login,
    onSuccess: async () => {
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: auth.me });
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (err) => applyFieldErrors(form, err, ['email', 'password'], t),
  });

  return (
    <>
      <Typography.Title level={2} style={{ marginBottom: 4 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
      {notice === 'needsSetup' && (
        <Alert
          type="warning"
          showIcon
          title={t('login.needsSetup')}
          description={t('login.needsSetupBody')}
          style={{ marginBottom: 20 }}
        />
      )}
      {notice === 'setupDone' && (
        <Alert type="success" showIcon title={t('setup.done')} style={{ marginBottom: 20 }} />
      )}
      {notice === 'setupNotNeeded' && (
        <Alert type="info" showIcon title={t('setup.notNeeded')} style={{ marginBottom: 20 }} />
      )}
      {login.error && (
        <Alert
          type="error"
          showIcon
          title={errorText(t, login.error)}
          style={{ marginBottom: 20 }}
          data-testid="login-error"
        />
      )}
      <Form<LoginValues>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values) => login.mutate(values)}
        disabled={login.isPending}
      >
        <Form.Item
          name="email"
          label={t('login.email')}
          rules={[
            { required: true, message: t('login.emailRequired') },
            { type: 'email', message: t('login.emailInvalid') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="username" autoFocus data-testid="login-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </>
  );
}

function SetupForm({ token, onDone }: { token: string; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<SetupValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const setup = useMutation({
    mutationFn: (values: SetupValues) => auth.setup({ token, ...values }),
    onSuccess: async () => {
      void message.success(t('setup.done'));
      await queryClient.invalidateQueries({ queryKey: ['auth', 'setup'] });
      onDone();
    },
    onError: (err) => applyFieldErrors(form, err, ['email', 'name', 'password'], t),
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginBottom: 4 }}>
        {t('setup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('setup.subtitle')}</Typography.Paragraph>
      {setup.error && (
        <Alert type="error" showIcon title={errorText(t, setup.error)} style={{ marginBottom: 20 }} />
      )}
      <Form<SetupValues>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values) => setup.mutate(values)}
        disabled={setup.isPending}
      >
        <Form.Item
          name="email"
          label={t('login.email')}
          rules={[
            { required: true, message: t('login.emailRequired') },
            { type: 'email', message: t('login.emailInvalid') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="username" data-testid="setup-email" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('setup.name')}
          rules={[{ required: true, message: t('setup.nameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="name" data-testid="setup-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          extra={t('password.hint')}
          rules={[
            { required: true, message: t('login.passwordRequired') },
            { min: 10, message: t('password.tooShort') },
          ]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="new-password"
            data-testid="setup-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={setup.isPending} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </>
  );
}

/** `/login`, and `/setup?token=…` for the first administrator while no user exists. */
export function LoginPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Set by the setup form on its way to /login, so the sign-in form can say the admin now exists.
  const setupDone = (location.state as { setupDone?: boolean } | null)?.setupDone === true;
  const me = useMe();
  const setup = useQuery({ queryKey: ['auth', 'setup'], queryFn: auth.setupStatus, staleTime: 0 });

  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const token = params.get('token');
  const onSetupPath = location.pathname === '/setup';
  let body = <Skeleton active paragraph={{ rows: 6 }} />;
  if (setup.data || setup.isError) {
    const needsSetup = setup.data?.needsSetup ?? false;
    if (onSetupPath && needsSetup && token) {
      body = (
        <SetupForm
          token={token}
          onDone={() => navigate('/login', { replace: true, state: { setupDone: true } })}
        />
      );
    } else {
      const notice = setupDone
        ? 'setupDone'
        : needsSetup
          ? 'needsSetup'
          : onSetupPath
            ? 'setupNotNeeded'
            : null;
      body = <LoginForm notice={notice} />;
    }
  }

  return (
    <div className="warden-login">
      <Hero />
      <div className="warden-login-panel">
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <div className="warden-login-form">{body}</div>
      </div>
    </div>
  );
}
